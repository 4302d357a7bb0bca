// The Inference target: see Package.swift for its place among the layers.
