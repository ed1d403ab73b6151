"""The xblock-sdk workbench set up to show this package's blocks the way the LMS would."""
