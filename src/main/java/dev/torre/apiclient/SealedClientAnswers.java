package dev.torre.apiclient;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.idempotency.SealedSecretAnswers;

/** An API client's create answer kept for Idempotency-Key replays with its {@code clientSecret} sealed. */
@Singleton
class SealedClientAnswers extends SealedSecretAnswers {

    @Inject
    SealedClientAnswers(Sealer sealer, ObjectMapper mapper) {
        super("api_client", "clientSecret", sealer, mapper);
    }
}
