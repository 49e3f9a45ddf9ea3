package dev.npmauth.testkit;

import java.util.Objects;

/**
 * A trusted publisher configuration as the fake registry stores it: the configuration and the id
 * its trust endpoint shows ({@code GET /-/package/<name>/trust}) and revokes by.
 *
 * <pre>{@code
 * assertThat(registry.trustSettings("demo-pkg"))
 *     .extracting(TrustSetting::publisher)
 *     .containsExactly(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
 * }</pre>
 *
 * @param id the configuration's id
 * @param publisher the configuration
 */
public record TrustSetting(String id, TrustedPublisher publisher) {
  /** Checks that no component is null. */
  public TrustSetting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publisher, "publisher");
  }
}
