#!/usr/bin/env bash
# What a team writes when it has no service: the AWS CLI steps of the Pinpoint guide, in order.
# Creates the import role Pinpoint assumes, attaches AmazonS3ReadOnlyAccess, starts the import
# job, then asks for its status every 3 seconds until it ends.
#
#   ACCOUNT_ID=123456789012 APP_ID=... ROLE_NAME=pinpoint-import S3_URL=s3://bucket/key.csv \
#   SEGMENT_NAME=spring-campaign bench/cli/team-import.sh
#
# Talks to whatever the AWS CLI is configured for (bench/cli/run.sh points it at the stand-in
# with AWS_ENDPOINT_URL). Prints "SUBMITTED <job-id>" and "FINISHED <status>" as it goes.
set -euo pipefail
: "${ACCOUNT_ID:?}" "${APP_ID:?}" "${ROLE_NAME:?}" "${S3_URL:?}" "${SEGMENT_NAME:?}"
REGION="${AWS_REGION:-us-east-1}"

trust=$(cat <<JSON
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
 "Principal":{"Service":"pinpoint.amazonaws.com"},
 "Condition":{"StringEquals":{"aws:SourceAccount":"$ACCOUNT_ID"},
              "ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:$REGION:$ACCOUNT_ID:apps/$APP_ID"}}}]}
JSON
)

role_arn=$(aws iam create-role --role-name "$ROLE_NAME" --assume-role-policy-document "$trust" \
	--query Role.Arn --output text)
aws iam attach-role-policy --role-name "$ROLE_NAME" \
	--policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess

job_id=$(aws pinpoint create-import-job --application-id "$APP_ID" \
	--import-job-request "Format=CSV,S3Url=$S3_URL,RoleArn=$role_arn,DefineSegment=true,SegmentName=$SEGMENT_NAME,RegisterEndpoints=true" \
	--query ImportJobResponse.Id --output text)
echo "SUBMITTED $job_id"

while true; do
	status=$(aws pinpoint get-import-job --application-id "$APP_ID" --job-id "$job_id" \
		--query ImportJobResponse.JobStatus --output text)
	case "$status" in
	COMPLETED | FAILED)
		echo "FINISHED $status"
		[[ "$status" == COMPLETED ]]
		exit
		;;
	esac
	sleep 3
done
