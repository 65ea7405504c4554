package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromSeconds;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.int32;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.int64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.path;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;
import static io.kafkaconnect.mesos.source.mapping.Rows.row;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Instant;
import org.apache.kafka.connect.data.Struct;

/** Builds the {@code master} row from the GET_MASTER, GET_VERSION, GET_HEALTH and GET_FLAGS answers. */
final class MasterMapper {

    private MasterMapper() {
    }

    static String masterKey(JsonNode getMaster) {
        return text(child(body(getMaster, "get_master"), "master_info"), "id");
    }

    static Struct master(JsonNode getMaster, JsonNode version, Boolean healthy, JsonNode flags, Op op,
                         SourceInfo src, Instant t) {
        JsonNode masterBody = body(getMaster, "get_master");
        JsonNode info = child(masterBody, "master_info");
        JsonNode address = child(info, "address");
        JsonNode domain = child(info, "domain");
        JsonNode versionInfo = versionInfo(version);
        Integer port = int32(address, "port");
        return row(MesosSchemas.MASTER, op, src, t)
                .put("master_id", text(info, "id"))
                .put("hostname", firstNonNull(text(info, "hostname"), text(address, "hostname")))
                .put("ip", firstNonNull(text(address, "ip"), dottedIp(int64(info, "ip"))))
                .put("port", port != null ? port : int32(info, "port"))
                .put("pid", text(info, "pid"))
                .put("version", text(info, "version"))
                .put("domain_region", text(path(domain, "fault_domain", "region"), "name"))
                .put("domain_zone", text(path(domain, "fault_domain", "zone"), "name"))
                .put("capabilities", EntityMapper.capabilities(info))
                .put("start_time", dateFromSeconds(float64(masterBody, "start_time")))
                .put("elected_time", dateFromSeconds(float64(masterBody, "elected_time")))
                .put("healthy", healthy)
                .put("build_version", text(versionInfo, "version"))
                .put("build_date", text(versionInfo, "build_date"))
                .put("build_time", dateFromSeconds(float64(versionInfo, "build_time")))
                .put("build_user", text(versionInfo, "build_user"))
                .put("git_sha", text(versionInfo, "git_sha"))
                .put("git_branch", text(versionInfo, "git_branch"))
                .put("git_tag", text(versionInfo, "git_tag"))
                .put("flags", OpenMaps.flags(body(flags, "get_flags")));
    }

    /**
     * {@code MasterInfo.ip} is an IPv4 address as a uint32 in network byte order read as a little-endian integer:
     * 16842879 is 127.0.1.1.
     */
    static String dottedIp(Long ip) {
        if (ip == null || ip < 0 || ip > 0xFFFF_FFFFL) {
            return null;
        }
        return (ip & 0xFF) + "." + ((ip >> 8) & 0xFF) + "." + ((ip >> 16) & 0xFF) + "." + ((ip >> 24) & 0xFF);
    }

    /** Accepts the whole GET_VERSION body ({@code version_info}), the response wrapper, or a bare VersionInfo. */
    private static JsonNode versionInfo(JsonNode version) {
        JsonNode body = body(version, "get_version");
        JsonNode info = child(body, "version_info");
        return info != null ? info : body;
    }

    private static JsonNode body(JsonNode node, String responseField) {
        JsonNode wrapped = child(node, responseField);
        return wrapped != null ? wrapped : node;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
