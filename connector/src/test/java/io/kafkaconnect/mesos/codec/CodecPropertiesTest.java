package io.kafkaconnect.mesos.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;

/**
 * Random Calls and Events round-trip through JSON and protobuf. Hostile and mutated input is the job of
 * {@link CodecFuzzTest}.
 */
class CodecPropertiesTest {

    @Property(tries = 300)
    void randomCallsRoundTrip(@ForAll("calls") Call call) {
        RoundTripTest.assertRoundTrips(call);
    }

    @Property(tries = 300)
    void randomEventsRoundTrip(@ForAll("events") Event event) {
        RoundTripTest.assertRoundTrips(event);
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.randomValue(random -> RandomMessages.message(Call.getDefaultInstance(), random));
    }

    @Provide
    Arbitrary<Event> events() {
        return Arbitraries.randomValue(random -> RandomMessages.message(Event.getDefaultInstance(), random));
    }
}
