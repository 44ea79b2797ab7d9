"""The emulated clock and (later) the phone-traffic simulator."""
