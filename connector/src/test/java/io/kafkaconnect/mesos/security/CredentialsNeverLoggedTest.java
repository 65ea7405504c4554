package io.kafkaconnect.mesos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CredentialUseScenario} in a JVM of its own, with slf4j-simple writing every logger at TRACE to a file
 * (levels are fixed when a logger is created, so this cannot be switched on inside the test JVM), then reads the
 * file: it shows the scenario's redirects, retries and refusals, and none of the secrets in any form.
 */
class CredentialsNeverLoggedTest {

    @TempDir
    Path dir;

    @Test
    void noSecretReachesTheLogsEvenAtTrace() throws Exception {
        Map<String, String> secrets = Map.of(
                CredentialUseScenario.PASSWORD, "pw-" + UUID.randomUUID(),
                CredentialUseScenario.TOKEN, "bearer-" + UUID.randomUUID(),
                CredentialUseScenario.DCOS_TOKEN, "dcos-" + UUID.randomUUID(),
                CredentialUseScenario.STORE_PASSWORD, "store-" + UUID.randomUUID());
        Path log = dir.resolve("scenario.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.logFile=" + log,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.log.io.kafkaconnect.mesos=trace",
                CredentialUseScenario.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("scenario.out").toFile());
        builder.environment().putAll(secrets);
        Process scenario = builder.start();
        assertThat(scenario.waitFor(3, TimeUnit.MINUTES)).as("scenario finished").isTrue();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(scenario.exitValue()).as("exit code; output: %s; log: %s",
                Files.readString(dir.resolve("scenario.out")), text).isZero();

        assertThat(text).contains("scenario complete")
                .contains("redirected from") // CallExecutor's DEBUG line: the redirect happened and was logged
                .contains("master unavailable") // the 503s
                .contains("credentials refused").contains("401") // a wrong password
                .contains("TLS material refused")
                .contains("mesos.auth.password = [hidden]"); // the connector settings, logged whole
        for (String secret : secrets.values()) {
            for (String form : forms(secret)) {
                assertThat(text).as("a form of a secret").doesNotContain(form);
            }
        }
    }

    /** The secret, its Basic header pairing and its base64; plus the scenario's derived secrets. */
    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        for (String value : List.of(secret, secret + "-wrong", secret + "-token", secret + "-trust",
                secret + "-keystore", secret + "-key", secret + "-ks")) {
            forms.add(value);
            forms.add(Base64.getEncoder().encodeToString(("ops:" + value).getBytes(StandardCharsets.UTF_8)));
            forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }
}
