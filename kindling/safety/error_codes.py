"""Stable error codes of the safety app."""

REPORT_NOT_FOUND = "report_not_found"
INVALID_REPORT = "invalid_report"
TARGET_NOT_FOUND = "target_not_found"
ALREADY_REPORTED = "already_reported"
