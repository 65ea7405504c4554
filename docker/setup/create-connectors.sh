#!/bin/sh
# One-shot service: creates (or updates) every connector whose config is a JSON file in $CONNECTORS_DIR, named after
# the file, through the Connect REST API. PUT /connectors/<name>/config is idempotent, so running it again is safe.
set -eu

CONNECT_URL=${CONNECT_URL:-http://connect:8083}
CONNECTORS_DIR=${CONNECTORS_DIR:-/connectors}
ATTEMPTS=${ATTEMPTS:-12}
RETRY_DELAY_SECONDS=${RETRY_DELAY_SECONDS:-5}

# A worker without the plugin starts fine; say so plainly instead of failing on the first PUT.
plugins=$(curl -fsS "${CONNECT_URL}/connector-plugins")
for class in io.kafkaconnect.mesos.source.MesosSourceConnector io.kafkaconnect.mesos.sink.MesosSinkConnector; do
  case "${plugins}" in
    *"\"${class}\""*) ;;
    *)
      echo "The Connect worker has no ${class}. Build the plugin first (./mvnw -B -DskipTests package)," \
           "then run: docker compose up -d --force-recreate connect connector-setup" >&2
      exit 1
      ;;
  esac
done

response=$(mktemp)
failed=0
for file in "${CONNECTORS_DIR}"/*.json; do
  name=$(basename "${file}" .json)
  attempt=1
  while :; do
    code=$(curl -sS -o "${response}" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
      --data-binary "@${file}" "${CONNECT_URL}/connectors/${name}/config") || code=000
    case "${code}" in
      200|201)
        echo "connector ${name}: configured (HTTP ${code})"
        break
        ;;
      409|5??|000)
        # 409: the worker group is rebalancing; 5xx/000: the worker is busy or restarting. Both pass.
        if [ "${attempt}" -ge "${ATTEMPTS}" ]; then
          echo "connector ${name}: HTTP ${code} after ${attempt} attempts: $(cat "${response}")" >&2
          failed=1
          break
        fi
        attempt=$((attempt + 1))
        sleep "${RETRY_DELAY_SECONDS}"
        ;;
      *)
        echo "connector ${name}: HTTP ${code}: $(cat "${response}")" >&2
        failed=1
        break
        ;;
    esac
  done
done
rm -f "${response}"
exit "${failed}"
