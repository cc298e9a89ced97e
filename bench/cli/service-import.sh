#!/usr/bin/env bash
# The same import through pinpoint-import-service: declare the role (PUT), start the import
# (POST), then watch the import resource (GET, no AWS call behind it) until it ends.
#
#   SERVICE_URL=http://localhost:8080 API_KEY=... APP_ID=... ROLE_NAME=pinpoint-import \
#   S3_URL=s3://bucket/key.csv SEGMENT_NAME=spring-campaign bench/cli/service-import.sh
#
# Prints "ACCEPTED <import-id>", "SUBMITTED <job-id>" and "FINISHED <state>" as it goes.
set -euo pipefail
: "${SERVICE_URL:?}" "${API_KEY:?}" "${APP_ID:?}" "${ROLE_NAME:?}" "${S3_URL:?}" "${SEGMENT_NAME:?}"
POLL_SECONDS="${POLL_SECONDS:-1}"
api() { curl -sS --fail-with-body -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' "$@"; }

api -X PUT "$SERVICE_URL/api/v1/import-roles/$ROLE_NAME" -d "{\"applicationId\":\"$APP_ID\"}" >/dev/null
id=$(api -X POST "$SERVICE_URL/api/v1/imports" \
	-d "{\"applicationId\":\"$APP_ID\",\"s3Url\":\"$S3_URL\",\"format\":\"CSV\",\"segmentName\":\"$SEGMENT_NAME\",\"roleName\":\"$ROLE_NAME\"}" |
	jq -r .id)
echo "ACCEPTED $id"

submitted=""
while true; do
	import=$(api "$SERVICE_URL/api/v1/imports/$id")
	job_id=$(jq -r '.pinpoint.jobId // empty' <<<"$import")
	if [[ -n "$job_id" && -z "$submitted" ]]; then
		submitted=$job_id
		echo "SUBMITTED $job_id"
	fi
	state=$(jq -r .state <<<"$import")
	case "$state" in
	SUCCEEDED | FAILED | CANCELLED)
		echo "FINISHED $state"
		[[ "$state" == SUCCEEDED ]]
		exit
		;;
	esac
	sleep "$POLL_SECONDS"
done
