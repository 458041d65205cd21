package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DNS pinning: a delivery resolves the host once, checks the addresses, and connects to the checked one. The tests play
 * the DNS server for a name no real one knows, so a delivery that reached the receiver cannot have resolved it again.
 */
@QuarkusTest
class TargetPinningTest {

    private static final String HOST = "hooks.partner.test";

    @Inject
    DeliveryWorker worker;

    private Receiver receiver;

    @AfterEach
    void cleanUp() {
        TargetPolicy.resolver = InetAddress::getAllByName;
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Answers the test host with the given addresses, one per lookup (the last one repeats), counting lookups. */
    private static AtomicInteger answer(String... addresses) {
        AtomicInteger lookups = new AtomicInteger();
        TargetPolicy.resolver = host -> {
            if (!host.equals(HOST)) {
                return InetAddress.getAllByName(host);
            }
            int n = lookups.getAndIncrement();
            return new InetAddress[] { InetAddress.getByName(addresses[Math.min(n, addresses.length - 1)]) };
        };
        return lookups;
    }

    private String subscribe(String tenant) {
        receiver = Receiver.start();
        int port = URI.create(receiver.url()).getPort();
        return admin(tenant).body(Map.of("url", "http://" + HOST + ":" + port + "/hook", "eventTypes", List.of("contact.created")))
                .when().post("/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDeliveryConnectsToTheAddressItCheckedWithoutResolvingAgain() {
        AtomicInteger lookups = answer("127.0.0.1");
        String tenant = newTenant();
        String hook = subscribe(tenant);
        Seed.contact(tenant, "Ana", "Ruiz");
        assertEquals(1, worker.pass(tenant));
        assertEquals(1, receiver.received().size());
        // the request still names the host: Host header (and, over TLS, SNI and the certificate check)
        assertEquals(HOST + ":" + URI.create(receiver.url()).getPort(), receiver.received().getFirst().header("host"));
        assertEquals(2, lookups.get(), "one lookup when subscribing, one for the delivery");
        admin(tenant).when().get("/v1/webhooks/" + hook + "/deliveries").then().body("data[0].status", equalTo("delivered"));
    }

    @Test
    void anAnswerThatTurnsToAMetadataAddressIsNeverConnectedTo() {
        answer("127.0.0.1", "169.254.169.254");
        String tenant = newTenant();
        String hook = subscribe(tenant);
        Seed.contact(tenant, "Ana", "Ruiz");
        assertEquals(1, worker.pass(tenant));
        assertEquals(0, receiver.received().size());
        admin(tenant).when().get("/v1/webhooks/" + hook + "/deliveries").then().body("data[0].status", equalTo("pending"))
                .body("data[0].lastError", equalTo("Target refused: the URL resolves to a link-local or cloud metadata address (169.254.169.254)"));
    }
}
