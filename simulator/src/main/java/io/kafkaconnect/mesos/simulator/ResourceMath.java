package io.kafkaconnect.mesos.simulator;

import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Resource arithmetic over lists in the "post-refinement" format (reservations stack, no role), the way the master keeps
 * an agent's total. Resources with the same identity (everything but the amount) merge; scalars round to 3 decimals.
 */
final class ResourceMath {

  private ResourceMath() {
  }

  /** Upgrades old-style input ({@code role} + {@code reservation}) to the {@code reservations} stack. */
  static Resource upgrade(Resource r) {
    if (r.getReservationsCount() > 0 || !r.hasRole() || "*".equals(r.getRole())) {
      return r.toBuilder().clearRole().clearReservation().build();
    }
    Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder()
        .setType(r.hasReservation() ? Resource.ReservationInfo.Type.DYNAMIC : Resource.ReservationInfo.Type.STATIC)
        .setRole(r.getRole());
    if (r.getReservation().hasPrincipal()) {
      reservation.setPrincipal(r.getReservation().getPrincipal());
    }
    if (r.getReservation().hasLabels()) {
      reservation.setLabels(r.getReservation().getLabels());
    }
    return r.toBuilder().clearRole().clearReservation().addReservations(reservation).build();
  }

  static List<Resource> upgradeAll(List<Resource> resources) {
    List<Resource> out = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      out.add(upgrade(r));
    }
    return out;
  }

  /** The "endpoint" format the master writes for agent resources: role "*", or role + reservation + reservations. */
  static Resource toEndpointFormat(Resource r) {
    Resource.Builder b = r.toBuilder();
    if (r.getReservationsCount() == 0) {
      b.setRole("*");
    } else if (r.getReservationsCount() == 1) {
      Resource.ReservationInfo only = r.getReservations(0);
      b.setRole(only.getRole());
      if (only.getType() == Resource.ReservationInfo.Type.DYNAMIC) {
        Resource.ReservationInfo.Builder legacy = Resource.ReservationInfo.newBuilder();
        if (only.hasPrincipal()) {
          legacy.setPrincipal(only.getPrincipal());
        }
        if (only.hasLabels()) {
          legacy.setLabels(only.getLabels());
        }
        b.setReservation(legacy);
      }
    }
    return b.build();
  }

  static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(round(value))).build();
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  /** The resource without its amount: two resources with equal identity can be merged. */
  static Resource identity(Resource r) {
    return r.toBuilder().clearScalar().clearRanges().clearSet().build();
  }

  /** {@code total + r}. */
  static List<Resource> add(List<Resource> total, Resource r) {
    List<Resource> out = new ArrayList<>(total);
    Resource id = identity(r);
    for (int i = 0; i < out.size(); i++) {
      Resource existing = out.get(i);
      if (identity(existing).equals(id) && !r.getDisk().hasPersistence()) {
        out.set(i, merge(existing, r));
        return out;
      }
    }
    out.add(r);
    return out;
  }

  static List<Resource> addAll(List<Resource> total, List<Resource> more) {
    List<Resource> out = total;
    for (Resource r : more) {
      out = add(out, r);
    }
    return out;
  }

  /** {@code total - r}, or empty when {@code total} does not contain {@code r}. */
  static Optional<List<Resource>> subtract(List<Resource> total, Resource r) {
    Resource id = identity(r);
    for (int i = 0; i < total.size(); i++) {
      Resource existing = total.get(i);
      if (!identity(existing).equals(id)) {
        continue;
      }
      Optional<Resource> remaining = minus(existing, r);
      if (remaining.isEmpty()) {
        return Optional.empty();
      }
      List<Resource> out = new ArrayList<>(total);
      if (isEmpty(remaining.get())) {
        out.remove(i);
      } else {
        out.set(i, remaining.get());
      }
      return Optional.of(out);
    }
    return Optional.empty();
  }

  static Optional<List<Resource>> subtractAll(List<Resource> total, List<Resource> less) {
    List<Resource> out = total;
    for (Resource r : less) {
      Optional<List<Resource>> next = subtract(out, r);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      out = next.get();
    }
    return Optional.of(out);
  }

  /** The sum of the named scalar over the list. */
  static double sumScalar(List<Resource> resources, String name) {
    double sum = 0;
    for (Resource r : resources) {
      if (r.getName().equals(name) && r.getType() == Value.Type.SCALAR) {
        sum += r.getScalar().getValue();
      }
    }
    return round(sum);
  }

  /** Pops the last reservation (the operation an UNRESERVE undoes). */
  static Resource popReservation(Resource r) {
    Resource.Builder b = r.toBuilder();
    b.removeReservations(r.getReservationsCount() - 1);
    return b.build();
  }

  static String describe(List<Resource> resources) {
    StringBuilder text = new StringBuilder();
    for (Resource r : resources) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(r.getName());
      if (r.getReservationsCount() > 0) {
        text.append("(reservations: [");
        for (int i = 0; i < r.getReservationsCount(); i++) {
          Resource.ReservationInfo info = r.getReservations(i);
          text.append(i > 0 ? ", " : "").append('(').append(info.getType()).append(',').append(info.getRole())
              .append(')');
        }
        text.append("])");
      }
      if (r.getDisk().hasPersistence()) {
        text.append('[').append(r.getDisk().getPersistence().getId()).append(']');
      }
      text.append(':');
      switch (r.getType()) {
        case SCALAR -> text.append(MesosJsonWriter.formatDouble(r.getScalar().getValue()));
        case RANGES -> {
          text.append('[');
          for (int i = 0; i < r.getRanges().getRangeCount(); i++) {
            Value.Range range = r.getRanges().getRange(i);
            text.append(i > 0 ? ", " : "").append(range.getBegin()).append('-').append(range.getEnd());
          }
          text.append(']');
        }
        case SET -> text.append('{').append(String.join(", ", r.getSet().getItemList())).append('}');
        default -> text.append(r.getType());
      }
    }
    return text.toString();
  }

  private static boolean isEmpty(Resource r) {
    return switch (r.getType()) {
      case SCALAR -> r.getScalar().getValue() <= 0;
      case RANGES -> r.getRanges().getRangeCount() == 0;
      case SET -> r.getSet().getItemCount() == 0;
      default -> false;
    };
  }

  private static Resource merge(Resource a, Resource b) {
    return switch (a.getType()) {
      case SCALAR -> a.toBuilder().setScalar(Value.Scalar.newBuilder()
          .setValue(round(a.getScalar().getValue() + b.getScalar().getValue()))).build();
      case RANGES -> a.toBuilder().setRanges(unionRanges(a.getRanges(), b.getRanges())).build();
      case SET -> {
        Resource.Builder m = a.toBuilder();
        for (String item : b.getSet().getItemList()) {
          if (!a.getSet().getItemList().contains(item)) {
            m.getSetBuilder().addItem(item);
          }
        }
        yield m.build();
      }
      default -> a;
    };
  }

  private static Optional<Resource> minus(Resource a, Resource b) {
    switch (a.getType()) {
      case SCALAR -> {
        double left = round(a.getScalar().getValue() - b.getScalar().getValue());
        if (left < 0) {
          return Optional.empty();
        }
        return Optional.of(a.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(left)).build());
      }
      case RANGES -> {
        List<long[]> have = toList(a.getRanges());
        for (long[] want : toList(b.getRanges())) {
          have = cut(have, want);
          if (have == null) {
            return Optional.empty();
          }
        }
        return Optional.of(a.toBuilder().setRanges(fromList(have)).build());
      }
      case SET -> {
        if (!a.getSet().getItemList().containsAll(b.getSet().getItemList())) {
          return Optional.empty();
        }
        List<String> left = new ArrayList<>(a.getSet().getItemList());
        left.removeAll(b.getSet().getItemList());
        return Optional.of(a.toBuilder().setSet(Value.Set.newBuilder().addAllItem(left)).build());
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static List<long[]> cut(List<long[]> have, long[] want) {
    for (int i = 0; i < have.size(); i++) {
      long[] h = have.get(i);
      if (h[0] <= want[0] && want[1] <= h[1]) {
        List<long[]> out = new ArrayList<>(have);
        out.remove(i);
        if (h[0] < want[0]) {
          out.add(new long[] {h[0], want[0] - 1});
        }
        if (want[1] < h[1]) {
          out.add(new long[] {want[1] + 1, h[1]});
        }
        out.sort((x, y) -> Long.compare(x[0], y[0]));
        return out;
      }
    }
    return null;
  }

  private static Value.Ranges unionRanges(Value.Ranges a, Value.Ranges b) {
    List<long[]> all = toList(a);
    all.addAll(toList(b));
    all.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] r : all) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] + 1 >= r[0]) {
        long[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(new long[] {r[0], r[1]});
      }
    }
    return fromList(merged);
  }

  private static List<long[]> toList(Value.Ranges ranges) {
    List<long[]> out = new ArrayList<>();
    for (Value.Range r : ranges.getRangeList()) {
      out.add(new long[] {r.getBegin(), r.getEnd()});
    }
    return out;
  }

  private static Value.Ranges fromList(List<long[]> ranges) {
    Value.Ranges.Builder b = Value.Ranges.newBuilder();
    for (long[] r : ranges) {
      b.addRange(Value.Range.newBuilder().setBegin(r[0]).setEnd(r[1]));
    }
    return b.build();
  }
}
