"""Media: perceptual hashing adapters, hash banks, the Hamming index and the matcher.

The engine never reads banks: the matcher (a caller-side service, like the wave
tracker) hashes media, asks the bank index, and passes what it found to the engine as
observations; the ``media`` detector turns them into signals.
"""
