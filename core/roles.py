"""Names of the portal's roles that several apps need (kept below core.setup, which imports every page model)."""

SERVICE_OFFICE_GROUP = "Servicebüro"
