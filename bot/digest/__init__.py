"""Channel digests: scheduled posts of new feed items (or shared links) with summaries and badges."""
