package dev.npmauth.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  private static final URI URL = URI.create("http://127.0.0.1/x");

  @Test
  void otpIsRecognisedByHeaderPartOrBodyLikeNpm() {
    assertThat(ErrorMapper.map(401, "PUT", URL, "OTP", "{}")).isInstanceOf(OtpRequiredException.class);
    assertThat(ErrorMapper.map(401, "PUT", URL, "Bearer, otp", "{}")).isInstanceOf(OtpRequiredException.class);
    assertThat(ErrorMapper.map(401, "PUT", URL, "OTP realm=x", "{}")).isNotInstanceOf(OtpRequiredException.class);
    assertThat(ErrorMapper.map(401, "PUT", URL, null, "{\"error\":\"You must provide a one-time pass.\"}"))
        .isInstanceOf(OtpRequiredException.class);
    assertThat(ErrorMapper.map(403, "PUT", URL, "OTP", "one-time pass")).isNotInstanceOf(OtpRequiredException.class);
  }

  @Test
  void webOtpCarriesAuthAndDoneUrls() {
    OtpRequiredException e = (OtpRequiredException) ErrorMapper.map(401, "PUT", URL, "otp",
        "{\"authUrl\":\"https://www.example.com/auth\",\"doneUrl\":\"https://r.example.com/done\"}");
    assertThat(e.authUrl()).contains(URI.create("https://www.example.com/auth"));
    assertThat(e.doneUrl()).contains(URI.create("https://r.example.com/done"));
  }

  @Test
  void ipAddressRefusalAndStatusKinds() {
    assertThat(ErrorMapper.map(401, "GET", URL, "ipaddress", "").kind()).isEqualTo(RegistryErrorKind.IP_ADDRESS_NOT_ALLOWED);
    assertThat(ErrorMapper.map(401, "GET", URL, "Bearer", "").kind()).isEqualTo(RegistryErrorKind.AUTHENTICATION_REQUIRED);
    assertThat(ErrorMapper.map(404, "GET", URL, null, "").kind()).isEqualTo(RegistryErrorKind.NOT_FOUND);
    assertThat(ErrorMapper.map(429, "GET", URL, null, "").kind()).isEqualTo(RegistryErrorKind.RATE_LIMITED);
    assertThat(ErrorMapper.map(503, "GET", URL, null, "").kind()).isEqualTo(RegistryErrorKind.SERVER_ERROR);
  }

  @Test
  void messageReadsLikeNpmsWithTheRegistryError() {
    RegistryException e = ErrorMapper.map(403, "PUT", URL, null,
        "{\"error\":\"You cannot publish over the previously published versions: 1.0.0.\"}");
    assertThat(e.getMessage()).startsWith("403 - PUT http://127.0.0.1/x - You cannot publish over the previously");
    assertThat(e.registryMessage()).contains("You cannot publish over the previously published versions: 1.0.0.");
    assertThat(ErrorMapper.map(500, "GET", URL, null, "<html>oops</html>").registryMessage()).contains("<html>oops</html>");
  }
}
