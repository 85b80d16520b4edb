"""Full-text search over published stories, fit for Chinese (Han bigrams) and English."""
