package io.kafkaconnect.mesos.sink;

/** What the sink does with a master's answer (facts file §1.1, §3). */
public enum Disposition {
    /** 2xx: applied. */
    SUCCESS,
    /** 409: the effect may already exist, or the call cannot be satisfied; check the state to tell which. */
    CONFLICT,
    /** 4xx other than 409/408/429, and 501: the master will refuse it again; no retry. */
    PERMANENT,
    /** 503 (no leader, recovering), other 5xx, 408, 429, an unfollowed 307: back off and retry. */
    RETRY;

    public static Disposition of(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status == 501) {
            return PERMANENT;
        }
        if (status >= 500 || status == 408 || status == 429 || (status >= 300 && status < 400)) {
            return RETRY;
        }
        return PERMANENT;
    }
}
