# The social-media room (medsos-konten).
