"""The directory of groups and businesses' CSR contacts."""
