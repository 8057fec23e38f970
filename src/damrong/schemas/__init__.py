"""colander schemas, one module per content type."""
