"""Writers: a story and its claims -> a Brief. The extractive writer is the default."""
