package dev.npmauth.testkit.junit;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TestClock;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit 5 extension that starts {@link FakeRegistry fake registries} for tests, hands them to
 * fields and parameters of type {@link FakeRegistry} (and {@link TestClock}), and closes them when
 * their scope ends, whether the tests passed or failed.
 *
 * <h2>Declarative: {@code @WithFakeRegistry} (or {@code @ExtendWith(FakeRegistryExtension.class)})</h2>
 *
 * <pre>{@code
 * @WithFakeRegistry
 * class ReleaseTest {
 *   static FakeRegistry shared;       // one registry for the whole class, closed after its last test
 *   FakeRegistry registry;            // a new registry for each test, closed after it
 *
 *   @BeforeAll
 *   static void seed(FakeRegistry registry) { ... }   // the class's registry (same as `shared`)
 *
 *   @Test
 *   void publishes(FakeRegistry registry) { ... }     // the test's registry (same as the field)
 *
 *   @Test
 *   void overHttps(@FakeRegistryConfig(https = true) FakeRegistry tls, FakeRegistry plain) { ... }
 * }
 * }</pre>
 *
 * <p>Scopes: a <b>static field</b>, and a parameter of a {@code @BeforeAll}/{@code @AfterAll}
 * method, get the <b>class's</b> registry — started before the class's first test, closed after
 * its last (a {@code @Nested} class shares its enclosing class's one). An <b>instance field</b>,
 * and a parameter of a {@code @Test}, {@code @BeforeEach} or {@code @AfterEach} method, get the
 * <b>test's</b> registry — started for that test, closed after it (after {@code @AfterEach}). In
 * one scope, every injection point with equal {@link FakeRegistryConfig settings} gets the same
 * registry. Fields are injected when they are {@code null} (or hold a registry the extension
 * injected before); a field the test filled itself is left alone. A field or parameter of type
 * {@link TestClock} gets the clock of the registry with the same settings, which must run on one
 * ({@code @FakeRegistryConfig(testClock = true)}).
 *
 * <h2>Programmatic: {@code @RegisterExtension}</h2>
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeRegistryExtension fake = FakeRegistryExtension.builder()
 *     .https(true)
 *     .testClock(Instant.parse("2026-01-01T00:00:00Z"))
 *     .configure(b -> b.tokenPageSize(2))
 *     .build();
 *
 * @Test
 * void lists(FakeRegistry registry) {          // the same registry as fake.registry()
 *   fake.clock().advance(Duration.ofDays(1));
 * }
 * }</pre>
 *
 * <p>Registered in a <b>static</b> field, it starts one registry for the class, before {@code
 * @BeforeAll} methods run; in an <b>instance</b> field, one per test. Fields and parameters without
 * their own {@code @FakeRegistryConfig} get that registry. Use either this or the declarative form
 * in one class, not both.
 *
 * <p>When a test method fails, the journals of the registries it used are attached to its failure
 * as a suppressed exception (secrets are redacted in journals), so a report shows what the code
 * under test sent.
 */
public final class FakeRegistryExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {

  private static final Object DECLARED = new Object();
  /** Registries and clocks this extension put in fields, so a later test may replace them. */
  private static final Set<Object> INJECTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private enum Scope { CLASS, TEST }

  private record Key(Scope scope, RegistrySettings settings) {}

  private record Started(Scope scope) {}

  private final RegistrySettings programmatic; // null when registered declaratively
  private final ExtensionContext.Namespace namespace;
  private volatile boolean classScoped;
  private volatile Managed current;

  /** The extension as {@code @ExtendWith} and {@link WithFakeRegistry} register it. */
  public FakeRegistryExtension() {
    this.programmatic = null;
    this.namespace = ExtensionContext.Namespace.create(FakeRegistryExtension.class, DECLARED);
  }

  private FakeRegistryExtension(RegistrySettings settings) {
    this.programmatic = settings;
    this.namespace = ExtensionContext.Namespace.create(FakeRegistryExtension.class, new Object());
  }

  /**
   * Starts configuring an extension for {@code @RegisterExtension}.
   *
   * @return a builder; finish with {@link Builder#build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The registry of the current scope, for an extension registered with {@code
   * @RegisterExtension}: the class's (static field) or the current test's (instance field).
   *
   * @return the running registry
   * @throws IllegalStateException if registered declaratively, or used outside the scope
   */
  public FakeRegistry registry() {
    return currentManaged().registry();
  }

  /**
   * The test clock of {@link #registry()}.
   *
   * @return the clock
   * @throws IllegalStateException if the registry does not run on a test clock (see {@link
   *     Builder#testClock(Instant)})
   */
  public TestClock clock() {
    Managed m = currentManaged();
    if (m.clock() == null) {
      throw new IllegalStateException("this extension's registry runs on " + m.registry().clock()
          + ": build the extension with .testClock(...) to move time by hand");
    }
    return m.clock();
  }

  private Managed currentManaged() {
    if (programmatic == null) {
      throw new IllegalStateException("registry() is for an extension registered with @RegisterExtension;"
          + " with @WithFakeRegistry, take a FakeRegistry field or parameter");
    }
    Managed m = current;
    if (m == null) {
      throw new IllegalStateException("no fake registry yet: a static @RegisterExtension starts it before"
          + " @BeforeAll methods, an instance one before each test");
    }
    return m;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (programmatic != null) {
      classScoped = true;
      current = obtain(context, Scope.CLASS, programmatic);
    }
    Class<?> testClass = context.getRequiredTestClass();
    for (Field field : injectable(testClass, true)) {
      RegistrySettings settings = settingsFor(field, Optional.empty()).orElse(defaults(testClass));
      inject(null, field, obtain(context, Scope.CLASS, settings), settings);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (programmatic != null && !classScoped) {
      current = obtain(context, Scope.TEST, programmatic);
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : injectable(instance.getClass(), false)) {
        Optional<RegistrySettings> own = settingsFor(field, context.getTestMethod().map(m -> (AnnotatedElement) m));
        RegistrySettings settings = own.orElse(defaults(instance.getClass()));
        Scope scope = own.isEmpty() && programmatic != null && classScoped ? Scope.CLASS : Scope.TEST;
        inject(instance, field, obtain(context, scope, settings), settings);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeRegistry.class || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The parameter's own settings, else its method's, else the current test's, else its class's.
    Optional<RegistrySettings> own = parameter.findAnnotation(FakeRegistryConfig.class).map(RegistrySettings::of)
        .or(() -> settingsFor(parameter.getDeclaringExecutable(),
            context.getTestMethod().map(m -> (AnnotatedElement) m)));
    RegistrySettings settings = own.orElse(defaults(parameter.getDeclaringExecutable().getDeclaringClass()));
    Scope scope;
    if (own.isEmpty() && programmatic != null) {
      scope = classScoped ? Scope.CLASS : Scope.TEST;
    } else {
      scope = context.getTestMethod().isPresent() ? Scope.TEST : Scope.CLASS;
    }
    Managed m = obtain(context, scope, settings);
    if (parameter.getParameter().getType() == TestClock.class) {
      return clockOf(m, settings, "parameter " + parameter.getParameter().getName() + " of "
          + parameter.getDeclaringExecutable().getName());
    }
    return m.registry();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (failure instanceof org.opentest4j.TestAbortedException) {
      throw failure; // an assumption, not a failure
    }
    List<Managed> used = new ArrayList<>();
    startedIn(context, Scope.TEST).ifPresent(used::addAll);
    startedIn(context, Scope.CLASS).ifPresent(used::addAll);
    for (Managed m : used) {
      failure.addSuppressed(new RegistryJournal(m.registry()));
    }
    throw failure;
  }

  private Optional<List<Managed>> startedIn(ExtensionContext context, Scope scope) {
    ExtensionContext scoped = scope == Scope.CLASS ? classContext(context) : context;
    @SuppressWarnings("unchecked")
    List<Managed> list = scoped.getStore(namespace).get(new Started(scope), List.class);
    return Optional.ofNullable(list);
  }

  /** The registry of a scope with these settings, started on first use and closed with the scope. */
  private Managed obtain(ExtensionContext context, Scope scope, RegistrySettings settings) {
    // A test scope needs a test; a registry asked for outside one (a constructor) is the class's.
    boolean perTest = scope == Scope.TEST && context.getTestMethod().isPresent();
    ExtensionContext scoped = perTest ? context : classContext(context);
    Scope actual = perTest ? Scope.TEST : Scope.CLASS;
    ExtensionContext.Store store = scoped.getStore(namespace);
    return store.getOrComputeIfAbsent(new Key(actual, settings), k -> {
      Managed started = settings.start();
      @SuppressWarnings("unchecked")
      List<Managed> list = store.getOrComputeIfAbsent(new Started(actual), s -> new CopyOnWriteArrayList<Managed>(),
          List.class);
      list.add(started);
      return started;
    }, Managed.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private RegistrySettings defaults(Class<?> testClass) {
    if (programmatic != null) {
      return programmatic;
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Class<?> s = c; s != null && s != Object.class; s = s.getSuperclass()) {
        FakeRegistryConfig config = s.getAnnotation(FakeRegistryConfig.class);
        if (config != null) {
          return RegistrySettings.of(config);
        }
      }
    }
    return RegistrySettings.DEFAULTS;
  }

  /** The settings an element (then a method) asks for, if any; the class's come from {@link #defaults}. */
  private static Optional<RegistrySettings> settingsFor(AnnotatedElement element, Optional<AnnotatedElement> method) {
    FakeRegistryConfig config = element.getAnnotation(FakeRegistryConfig.class);
    if (config == null && method.isPresent()) {
      config = method.get().getAnnotation(FakeRegistryConfig.class);
    }
    return Optional.ofNullable(config).map(RegistrySettings::of);
  }

  private static List<Field> injectable(Class<?> type, boolean statics) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) == statics
            && (f.getType() == FakeRegistry.class || f.getType() == TestClock.class)) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private static void inject(Object instance, Field field, Managed managed, RegistrySettings settings) {
    Object value = field.getType() == TestClock.class
        ? clockOf(managed, settings, "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName())
        : managed.registry();
    try {
      field.setAccessible(true);
      Object present = field.get(instance);
      if (present != null && !INJECTED.contains(present)) {
        return; // the test set it itself
      }
      if (Modifier.isFinal(field.getModifiers())) {
        throw new ExtensionConfigurationException("cannot inject a fake registry into final field "
            + field.getDeclaringClass().getName() + "." + field.getName());
      }
      field.set(instance, value);
      INJECTED.add(value);
    } catch (IllegalAccessException | RuntimeException e) {
      if (e instanceof ExtensionConfigurationException x) {
        throw x;
      }
      throw new ExtensionConfigurationException("cannot inject a fake registry into "
          + field.getDeclaringClass().getName() + "." + field.getName() + ": " + e, e);
    }
  }

  private static TestClock clockOf(Managed managed, RegistrySettings settings, String where) {
    if (managed.clock() == null) {
      throw new ParameterResolutionException("a TestClock was asked for by " + where + ", but its registry ("
          + settings.describe() + ") runs on the system clock: add @FakeRegistryConfig(testClock = true),"
          + " or clockStart = \"2026-01-01T00:00:00Z\", to the test, its class or the injection point");
    }
    return managed.clock();
  }

  /** Attached to a failing test: what one of its registries received (redacted). */
  static final class RegistryJournal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 50;

    RegistryJournal(FakeRegistry registry) {
      super(render(registry), null, false, false);
    }

    private static String render(FakeRegistry registry) {
      List<RecordedRequest> journal = registry.journal();
      StringBuilder b = new StringBuilder("journal of the fake registry " + registry.url() + " ("
          + journal.size() + " request" + (journal.size() == 1 ? "" : "s") + ")");
      int skip = Math.max(0, journal.size() - SHOWN);
      if (skip > 0) {
        b.append("\n  … ").append(skip).append(" earlier requests not shown");
      }
      for (RecordedRequest r : journal.subList(skip, journal.size())) {
        b.append("\n  ").append(r.method()).append(' ').append(r.path()).append(" -> ")
            .append(r.status() == 0 ? "dropped" : String.valueOf(r.status()));
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return "FakeRegistry " + getMessage();
    }
  }

  /**
   * Settings of an extension for {@code @RegisterExtension}.
   *
   * <pre>{@code
   * @RegisterExtension
   * static FakeRegistryExtension fake = FakeRegistryExtension.builder().https(true).build();
   * }</pre>
   */
  public static final class Builder {
    private boolean https;
    private boolean testClock;
    private Instant clockStart;
    private final List<Path> seeds = new ArrayList<>();
    private String adminToken;
    private boolean sigstore;
    private Consumer<FakeRegistry.Builder> customizer = RegistrySettings.NO_CHANGE;

    private Builder() {}

    /**
     * Serve HTTPS with a CA made for the registry; default off.
     *
     * @param enabled whether to
     * @return this builder
     */
    public Builder https(boolean enabled) {
      this.https = enabled;
      return this;
    }

    /**
     * Run the registry on a {@link TestClock} standing at {@code start}.
     *
     * @param start the clock's first instant
     * @return this builder
     */
    public Builder testClock(Instant start) {
      this.testClock = true;
      this.clockStart = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Run the registry on a {@link TestClock} standing at the current time.
     *
     * @return this builder
     */
    public Builder testClock() {
      this.testClock = true;
      this.clockStart = null;
      return this;
    }

    /**
     * Publish a folder of tarballs when the registry starts; may be given several times.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder seed(Path folder) {
      seeds.add(Objects.requireNonNull(folder, "folder"));
      return this;
    }

    /**
     * The admin token's value; default random.
     *
     * @param token the value
     * @return this builder
     */
    public Builder adminToken(String token) {
      this.adminToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Also start a fake Sigstore; default off.
     *
     * @param enabled whether to
     * @return this builder
     */
    public Builder sigstore(boolean enabled) {
      this.sigstore = enabled;
      return this;
    }

    /**
     * Any other registry setting, applied last to each registry's builder.
     *
     * @param settings e.g. {@code b -> b.tokenPageSize(2).loginRetryAfter(Duration.ZERO)}
     * @return this builder
     */
    public Builder configure(Consumer<FakeRegistry.Builder> settings) {
      this.customizer = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The extension, for a {@code @RegisterExtension} field.
     *
     * @return the extension
     */
    public FakeRegistryExtension build() {
      return new FakeRegistryExtension(new RegistrySettings(https, testClock, Optional.ofNullable(clockStart),
          seeds, Optional.ofNullable(adminToken), sigstore, "", customizer));
    }
  }
}
