package org.teleopmon.itests;

/**
 * A page with two RTCPeerConnections on one host: the first sends the browser's fake camera and
 * microphone to the second. Before both close, it logs the sender's stats to the console, which
 * Chromium writes to stderr with {@code --enable-logging=stderr}.
 */
final class CallPage {

    private CallPage() {
    }

    static String html(long callMillis) {
        return """
            <!doctype html><html><body><script>
            (async () => {
              const log = (k, v) => console.log('TELEOP ' + k + ' ' + JSON.stringify(v));
              try {
                const media = await navigator.mediaDevices.getUserMedia({video: {width: 640, height: 480}, audio: true});
                const a = new RTCPeerConnection(), b = new RTCPeerConnection();
                a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
                b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
                media.getTracks().forEach(t => a.addTrack(t, media));
                await a.setLocalDescription(await a.createOffer());
                await b.setRemoteDescription(a.localDescription);
                await b.setLocalDescription(await b.createAnswer());
                await a.setRemoteDescription(b.localDescription);
                setTimeout(async () => {
                  media.getTracks().forEach(t => t.stop());
                  await new Promise(r => setTimeout(r, 300));
                  const out = [];
                  (await a.getStats()).forEach(r => { if (r.type === 'outbound-rtp') out.push(r); });
                  log('stats', out);
                  a.close(); b.close();
                  log('done', true);
                  window.close();
                }, %d);
              } catch (e) { log('error', String(e)); window.close(); }
            })();
            </script></body></html>
            """.formatted(callMillis);
    }
}
