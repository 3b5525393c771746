"""What residents are missing: the public wish form and the demand report (wishes plus searches that found
little). A new app: wishes are neither content nor search; the report joins them with search's query log."""
