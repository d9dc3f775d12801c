# The social-media room (medsos-isu).
