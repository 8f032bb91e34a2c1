"""Related pages: a vector index of live pages and the panel that suggests them."""
