"""What no schema expresses: the rules of batch envelopes and of recorded HTTP responses."""
