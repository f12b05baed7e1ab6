"""The workstation core, with no Qt: API client, credentials, cache and outbox, sync."""
