"""The portal's shell on top of every app: home page, navigation, health check, outage handling, the lost-job sweep."""
