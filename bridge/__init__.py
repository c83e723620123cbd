"""The gateway side of powerwall-kit: the command line, and (to come) the
connection layer and the MQTT bridge."""
