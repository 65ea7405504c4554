package io.kafkaconnect.mesos.client;

/** The master's version does not support a feature that the caller asked for. */
public class MesosVersionException extends MesosException {

    private final MesosFeature feature;
    private final MesosVersion masterVersion;

    public MesosVersionException(MesosFeature feature, MesosVersion masterVersion) {
        super(feature + " needs Mesos " + feature.since() + " or newer; the master runs " + masterVersion);
        this.feature = feature;
        this.masterVersion = masterVersion;
    }

    public MesosFeature feature() {
        return feature;
    }

    public MesosVersion masterVersion() {
        return masterVersion;
    }
}
