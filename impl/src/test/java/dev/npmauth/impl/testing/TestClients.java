package dev.npmauth.impl.testing;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.RetryPolicy;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.testkit.FakeRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Clients for tests: the fake registry, a given environment, no real npm configuration, no real waiting. */
public final class TestClients {
  /** Every wait the clients built here were asked to make. */
  public static final List<Duration> SLEEPS = new CopyOnWriteArrayList<>();

  private TestClients() {
  }

  /**
   * A builder aimed at the fake, with the environment, an empty npm configuration and a retry
   * policy that records its waits instead of waiting.
   *
   * @param fake the registry
   * @param environment the environment variables
   * @return the builder
   */
  public static NpmRegistryClient.Builder builder(FakeRegistry fake, Map<String, String> environment) {
    return NpmRegistryClient.builder()
        .registry(fake.url().toString())
        .environment(Environment.of(environment))
        .npmConfig(NpmConfig.empty())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30),
            SLEEPS::add));
  }

  /**
   * A client aimed at the fake.
   *
   * @param fake the registry
   * @param environment the environment variables
   * @return the client
   */
  public static NpmRegistryClient client(FakeRegistry fake, Map<String, String> environment) {
    return builder(fake, environment).build();
  }
}
