package org.teleopmon.export.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS to the broker: trust a PEM CA file, present a PKCS#12 client certificate. */
final class TlsSockets {

    private TlsSockets() {
    }

    static SSLSocketFactory factory(String caFile, String clientKeystore, char[] keystorePassword)
            throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile.isBlank()) {
            trust.init((KeyStore) null);
        } else {
            KeyStore authorities = KeyStore.getInstance(KeyStore.getDefaultType());
            authorities.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    authorities.setCertificateEntry("ca-" + i++, certificate);
                }
                if (i == 0) {
                    throw new GeneralSecurityException("tls.ca.file " + caFile + " holds no PEM certificate");
                }
            }
            trust.init(authorities);
        }
        KeyManagerFactory keys = null;
        if (!clientKeystore.isBlank()) {
            KeyStore client = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(clientKeystore))) {
                client.load(in, keystorePassword);
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(client, keystorePassword);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
