package dev.npmauth.impl.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Secret;
import dev.npmauth.impl.json.Json;
import dev.npmauth.tokens.InvalidTokenRequestException;
import dev.npmauth.tokens.TokenLimits;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRule;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The token request's checks, and the body in the exact field order npm sends. */
class TokenRequestRulesTest {
  private static final Secret PASSWORD = Secret.of("hunter2-fake");

  @Test
  void theFullBodyHasNpmsFieldOrderAndShape() {
    TokenRequest request = TokenRequest.builder(PASSWORD).name("ci-publish").description("publish from CI")
        .packages("cap-demo-pkg", "@capscope/demo").scopes("@capscope").orgs("capscope")
        .packagesAndScopesPermission(TokenPermission.READ_WRITE).orgsPermission(TokenPermission.READ_ONLY)
        .expiresInDays(30).cidr("192.168.1.0/24", "10.0.0.0/8").bypass2fa().build();
    // the request npm 11 was captured sending (reference §2.6)
    assertThat(Json.write(TokenJson.createBody(request))).isEqualTo("{\"name\":\"ci-publish\",\"password\":\"hunter2-fake\","
        + "\"description\":\"publish from CI\",\"packages\":[\"cap-demo-pkg\",\"@capscope/demo\"],\"scopes\":[\"@capscope\"],"
        + "\"orgs\":[\"capscope\"],\"packages_and_scopes_permission\":\"read-write\",\"orgs_permission\":\"read-only\","
        + "\"expires\":30,\"cidr_whitelist\":[\"192.168.1.0/24\",\"10.0.0.0/8\"],\"bypass_2fa\":true}");
  }

  @Test
  void theMinimalBodySendsANullNameAndThePassword() {
    assertThat(Json.write(TokenJson.createBody(TokenRequest.builder(PASSWORD).build())))
        .isEqualTo("{\"name\":null,\"password\":\"hunter2-fake\"}");
    assertThat(Json.write(TokenJson.createBody(TokenRequest.builder(PASSWORD).packagesAll().build())))
        .isEqualTo("{\"name\":null,\"password\":\"hunter2-fake\",\"packages_all\":true}");
  }

  private static void refused(UnaryOperator<TokenRequest.Builder> change, TokenRule rule, String message) {
    assertThatThrownBy(() -> change.apply(TokenRequest.builder(PASSWORD)).build())
        .isInstanceOfSatisfying(InvalidTokenRequestException.class, e -> assertThat(e.rule()).isEqualTo(rule))
        .hasMessageContaining(message);
  }

  @Test
  void eachRuleIsCheckedBeforeSendingAndNamedInTheMessage() {
    refused(b -> b.cidr("2001:db8::/32"), TokenRule.CIDR_IPV4_ONLY,
        "CIDR whitelist can only contain IPv4 addresses, 2001:db8::/32 is IPv6");
    refused(b -> b.cidr("10.0.0.0/33"), TokenRule.CIDR_VALID, "CIDR whitelist contains invalid CIDR entry: 10.0.0.0/33");
    refused(b -> b.cidr("256.0.0.0/8"), TokenRule.CIDR_VALID, "invalid CIDR entry: 256.0.0.0/8");
    refused(b -> b.cidr("10.0.0.0"), TokenRule.CIDR_VALID, "invalid CIDR entry: 10.0.0.0");
    refused(b -> b.expiresInDays(0), TokenRule.EXPIRY_POSITIVE, "expires is 0 days");
    refused(b -> b.packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(91),
        TokenRule.WRITE_EXPIRY_WITHIN_LIMIT, "asked to live 91 days; the limit is 90 days");
    refused(b -> b.orgsPermission(TokenPermission.READ_WRITE).expiresInDays(120), TokenRule.WRITE_EXPIRY_WITHIN_LIMIT,
        "the limit is 90 days");
    refused(b -> b.packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(31)
        .limits(TokenLimits.NPMJS.withMaxWriteLifetimeDays(30)), TokenRule.WRITE_EXPIRY_WITHIN_LIMIT, "the limit is 30 days");
    refused(b -> b.packages("Not A Name"), TokenRule.PACKAGE_NAME_VALID, "Not A Name");
    refused(b -> b.scopes("@Acme"), TokenRule.SCOPE_NAME_VALID, "\"@Acme\" is not a scope name");
    refused(b -> b.orgs("@acme"), TokenRule.ORG_NAME_VALID, "\"@acme\" is not an organization name");
    refused(b -> b.packagesAll().packages("demo"), TokenRule.PACKAGES_ALL_EXCLUSIVE, "packages_all gives every package");
    refused(b -> b.name(" "), TokenRule.TEXT_NOT_BLANK, "the name is blank");
    refused(b -> b.packages(names(51)), TokenRule.SELECTION_WITHIN_LIMIT, "51 packages and scopes were named; the limit is 50");
    assertThatThrownBy(() -> TokenRequest.builder(null).build())
        .isInstanceOfSatisfying(InvalidTokenRequestException.class, e -> assertThat(e.rule()).isEqualTo(TokenRule.PASSWORD_REQUIRED));
    assertThatThrownBy(() -> TokenPermission.parse("write")).hasMessageContaining("read-only, read-write or no-access");
  }

  @Test
  void readOnlyTokensMayOutliveTheWriteLimitAndToStringHidesThePassword() {
    TokenRequest request = TokenRequest.builder(PASSWORD).packagesAndScopesPermission(TokenPermission.READ_ONLY)
        .expiresInDays(365).build();
    assertThat(request.grantsWrite()).isFalse();
    assertThat(request.toString()).doesNotContain("hunter2").contains("Secret[****]");
  }

  private static String[] names(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = "pkg-" + i;
    }
    return out;
  }
}
