"""The newsletter: double opt-in subscriptions by interests and the digest of new offers and events.
A new app: subscribers are residents without accounts, unrelated to pages, providers or registrations."""
