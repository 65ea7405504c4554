package io.kafkaconnect.mesos.source.schema;

import static io.kafkaconnect.mesos.source.schema.FieldSchemas.array;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.bool;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.float64;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.int64;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.string;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.stringArray;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.stringMap;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.timeInfo;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.timestamp;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Struct schemas shared by several topic schemas. Each is a single optional instance, used both as a field and as an
 * array element, so that Avro-based converters see one definition per name.
 */
public final class NestedSchemas {

    /** {@code Value.Range}: an inclusive range, e.g. of ports. */
    public static final Schema RANGE = SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.Range")
            .version(1)
            .optional()
            .doc("Inclusive range of a RANGES value")
            .field("begin", int64("First value of the range"))
            .field("end", int64("Last value of the range"))
            .build();

    /** {@code Resource.ReservationInfo}. */
    public static final Schema RESERVATION = SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.Reservation")
            .version(1)
            .optional()
            .doc("One entry of a resource's reservation stack (Resource.ReservationInfo)")
            .field("type", string("STATIC or DYNAMIC"))
            .field("role", string("Role the resource is reserved for"))
            .field("principal", string("Principal that made a dynamic reservation"))
            .field("labels", stringMap("Reservation labels"))
            .build();

    /** {@code Resource}, flattened: disk, volume and provider details become columns. */
    public static final Schema RESOURCE = SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.Resource")
            .version(1)
            .optional()
            .doc("A Mesos resource (mesos.v1.Resource)")
            .field("name", string("Resource name, e.g. cpus, mem, disk, ports, gpus"))
            .field("type", string("Value type: SCALAR, RANGES, SET or TEXT"))
            .field("scalar", float64("Value of a SCALAR resource"))
            .field("ranges", array(RANGE, "Value of a RANGES resource"))
            .field("set", stringArray("Items of a SET resource"))
            .field("role", string("Deprecated 'role' field as Mesos writes it ('*' when unreserved), if present"))
            .field("allocation_role", string("Role the resource is allocated to (allocation_info.role)"))
            .field("reservation_role", string("Role of the last (innermost) reservation; null when unreserved"))
            .field("reservations", array(RESERVATION, "Reservation stack, outermost first"))
            .field("persistence_id", string("Persistent volume id (disk.persistence.id)"))
            .field("persistence_principal", string("Principal that created the persistent volume"))
            .field("volume_container_path", string("Volume path inside the container (disk.volume.container_path)"))
            .field("volume_host_path", string("Volume path on the host (disk.volume.host_path)"))
            .field("volume_mode", string("Volume mode: RW or RO"))
            .field("disk_source_type", string("Disk source type: PATH, MOUNT, BLOCK or RAW"))
            .field("disk_source_root", string("Root of a PATH or MOUNT disk source"))
            .field("disk_source_id", string("Id of the disk source, set by a storage provider"))
            .field("disk_source_profile", string("Storage profile of the disk source"))
            .field("disk_source_vendor", string("Vendor of the disk source"))
            .field("revocable", bool("True if the resource is revocable"))
            .field("shared", bool("True if the resource is shared"))
            .field("provider_id", string("Resource provider id, for resources from a resource provider"))
            .build();

    /** {@code TaskStatus}, without the opaque {@code data} bytes. */
    public static final Schema TASK_STATUS = timeInfo(SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.TaskStatus")
            .version(1)
            .optional()
            .doc("A task status update (mesos.v1.TaskStatus)")
            .field("state", string("Task state of this update, e.g. TASK_RUNNING"))
            .field("message", string("Human-readable message"))
            .field("source", string("SOURCE_MASTER, SOURCE_AGENT or SOURCE_EXECUTOR"))
            .field("reason", string("Reason, e.g. REASON_AGENT_REMOVED"))
            .field("task_id", string("Task id"))
            .field("agent_id", string("Agent id"))
            .field("executor_id", string("Executor id"))
            .field("timestamp", timestamp("Time of the update (Mesos sends epoch seconds as a double)"))
            .field("healthy", bool("Result of the last health check, if the task has one"))
            .field("uuid", string("Update uuid, base64 as Mesos sends it"))
            .field("labels", stringMap("Status labels"))
            .field("container_id", string("Container id (container_status.container_id.value)"))
            .field("ip_addresses", stringArray("IP addresses of the container's networks")),
            "unreachable_time", "When the task became unreachable")
            .build();

    /** {@code allocator.InverseOfferStatus}: how a framework answered a maintenance inverse offer. */
    public static final Schema INVERSE_OFFER_STATUS = timeInfo(SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.InverseOfferStatus")
            .version(1)
            .optional()
            .doc("A framework's answer to a maintenance inverse offer")
            .field("framework_id", string("Framework id"))
            .field("status", string("UNKNOWN, ACCEPT or DECLINE")),
            "timestamp", "When the framework answered")
            .build();

    private NestedSchemas() {
    }
}
