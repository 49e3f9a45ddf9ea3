package dev.npmauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryUrlTest {

  @Test
  void audienceIsHostOnlyWithoutPortOrPath() {
    RegistryUrl registry = RegistryUrl.of("http://127.0.0.1:38517/prefix");
    assertThat(registry.oidcAudience()).isEqualTo("npm:127.0.0.1");
    assertThat(registry.toString()).isEqualTo("http://127.0.0.1:38517/prefix/");
    assertThat(registry.nerfDart()).isEqualTo("//127.0.0.1:38517/prefix/");
    assertThat(registry.origin().toString()).isEqualTo("http://127.0.0.1:38517/");
    assertThat(registry.resolve("-/whoami").toString()).isEqualTo("http://127.0.0.1:38517/prefix/-/whoami");
  }

  @Test
  void loopbackIsRecognisedWithoutDns() {
    assertThat(RegistryUrl.of("http://localhost:4873").isLoopback()).isTrue();
    assertThat(RegistryUrl.of("http://127.0.0.2/").isLoopback()).isTrue();
    assertThat(RegistryUrl.of("http://[::1]:80/").isLoopback()).isTrue();
    assertThat(RegistryUrl.of("http://registry.example.com/").isLoopback()).isFalse();
    assertThat(RegistryUrl.of("http://10.0.0.1/").isLoopback()).isFalse();
  }

  @Test
  void urlsThatCannotBeRegistriesAreRefusedWithTheRule() {
    assertThatThrownBy(() -> RegistryUrl.of("ftp://x/")).isInstanceOf(InvalidRegistryUrlException.class)
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> RegistryUrl.of("registry.npmjs.org")).isInstanceOf(InvalidRegistryUrlException.class);
    assertThatThrownBy(() -> RegistryUrl.of("https://user:pass@h/")).isInstanceOf(InvalidRegistryUrlException.class)
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("pass@");
    assertThatThrownBy(() -> RegistryUrl.of("https://h/?q=1")).isInstanceOf(InvalidRegistryUrlException.class);
  }
}
