"""govqa's pure core: reports in, cited answers out."""
