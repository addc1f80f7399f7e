"""« Postuler » to an offer. It lives in cvtheque, above offers, because a candidate applies with their CVthèque
CV: this part reads the CV (a copy of its profile and document goes with the application, so the recruiter's
pages in offers never need cvtheque) and checks an uploaded document as the CVthèque does. The application
itself, its statuses and e-mails are offers' (``offers.services.apply_to_offer``)."""
