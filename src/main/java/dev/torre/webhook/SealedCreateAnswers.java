package dev.torre.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.idempotency.SealedSecretAnswers;

/** A subscription's create answer kept for Idempotency-Key replays with its signing {@code secret} sealed. */
@Singleton
class SealedCreateAnswers extends SealedSecretAnswers {

    @Inject
    SealedCreateAnswers(Sealer sealer, ObjectMapper mapper) {
        super("webhook", "secret", sealer, mapper);
    }
}
