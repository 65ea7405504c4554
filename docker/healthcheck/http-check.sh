#!/usr/bin/env bash
# Health check without curl (the Kafka and Mesos images do not ship it): bash's /dev/tcp sends one HTTP/1.1 GET.
# Usage: http-check.sh PORT PATH [TEXT]
# Exits 0 when http://127.0.0.1:PORT/PATH answers 200 and, if TEXT is given, the response contains TEXT.
set -euo pipefail

port=$1
path=$2
expected=${3:-}

exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n' "${path}" >&3
response=$(cat <&3)
exec 3>&-

status_line=${response%%$'\r'*}
case "${status_line}" in
  "HTTP/1."?" 200"*) ;;
  *) echo "GET ${path}: ${status_line:-no answer}" >&2; exit 1 ;;
esac

# JSON may escape '/' as '\/', and Mesos does ({"master\/elected":1.0,...}): compare with the slashes unescaped.
body=${response//\\\//\/}
if [[ -n "${expected}" && "${body}" != *"${expected}"* ]]; then
  echo "GET ${path}: 200, but no '${expected}' in the response" >&2
  exit 1
fi
