package io.kafkaconnect.mesos.client;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Records whether OkHttp began writing a request. A failure before that point means the master cannot have seen the
 * call, so even a write may be sent elsewhere; a failure after it leaves a write in doubt.
 */
final class SendTracker extends EventListener {

    /** Creates a tracker for each call that carries one as its tag. */
    static final EventListener.Factory FACTORY = call -> {
        SendTracker tracker = call.request().tag(SendTracker.class);
        return tracker != null ? tracker : EventListener.NONE;
    };

    private volatile boolean requestStarted;
    private volatile boolean responseStarted;

    @Override
    public void requestHeadersStart(Call call) {
        requestStarted = true;
    }

    @Override
    public void responseHeadersStart(Call call) {
        responseStarted = true;
    }

    /** True once any byte of the request may have left this process. */
    boolean requestStarted() {
        return requestStarted;
    }

    /** True once the master began answering. */
    boolean responseStarted() {
        return responseStarted;
    }
}
