package io.kafkaconnect.mesos.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client authenticates to the master. {@code toString()} never shows a password or token.
 */
public sealed interface MesosAuth {

    /** The value of the {@code Authorization} header, if any. */
    Optional<String> authorizationHeader();

    static MesosAuth none() {
        return None.INSTANCE;
    }

    /** HTTP Basic, as checked by a master started with {@code --authenticate_http_readwrite}. */
    static MesosAuth basic(String user, String password) {
        return new Basic(user, password);
    }

    /** A static {@code Authorization: Bearer <token>} header (e.g. a JWT checked by a custom authenticator). */
    static MesosAuth bearer(String token) {
        return new Bearer(token);
    }

    /** A DC/OS service or user token: {@code Authorization: token=<token>}. */
    static MesosAuth dcosToken(String token) {
        return new DcosToken(token);
    }

    /** No credentials. */
    enum None implements MesosAuth {
        INSTANCE;

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** HTTP Basic credentials. */
    record Basic(String user, String password) implements MesosAuth {
        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Optional<String> authorizationHeader() {
            byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
        }

        @Override
        public String toString() {
            return "basic(user=" + user + ", password=[hidden])";
        }
    }

    /** A bearer token. */
    record Bearer(String token) implements MesosAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "bearer([hidden])";
        }
    }

    /** A DC/OS token. */
    record DcosToken(String token) implements MesosAuth {
        public DcosToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("token=" + token);
        }

        @Override
        public String toString() {
            return "dcos-token([hidden])";
        }
    }
}
