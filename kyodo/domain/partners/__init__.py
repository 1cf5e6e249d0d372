"""Partners: who could work with whom, and why, from what listings offer, seek and have done."""
