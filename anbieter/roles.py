"""The roles both providers and the service office meet: the office's group and its approval workflow.

They live here, below the site's set-up (portal/), so that scoping and mail can name them without importing it.
"""

SERVICE_OFFICE_GROUP = "Servicebüro"
MODERATION_WORKFLOW = "Freigabe durch das Servicebüro"
MODERATION_TASK = "Prüfung durch das Servicebüro"
