"""The desk index: one page (HTML and Markdown) and one Atom feed over every brief built into
an output folder, made from each brief's summary kept by the build, never from its YAML."""
