#include "net/http_client.hpp"

#include "logto/crypto/mbed_handles.hpp"
#include "logto/encoding/url.hpp"
#include "security/random.hpp"

#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include <cstdlib>

namespace provider::net {
namespace {

using Net = logto::crypto::Owned<mbedtls_net_context, mbedtls_net_init, mbedtls_net_free>;
using Ssl = logto::crypto::Owned<mbedtls_ssl_context, mbedtls_ssl_init, mbedtls_ssl_free>;
using SslConfig =
    logto::crypto::Owned<mbedtls_ssl_config, mbedtls_ssl_config_init, mbedtls_ssl_config_free>;
using Certs = logto::crypto::Owned<mbedtls_x509_crt, mbedtls_x509_crt_init, mbedtls_x509_crt_free>;

std::string mbed_error(int rc) {
  char text[200];
  mbedtls_strerror(rc, text, sizeof text);
  return text;
}

int random_bytes(void*, unsigned char* out, size_t len) {
  security::system_random().fill(out, len);
  return 0;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

IncomingResponse parse(const std::string& raw, const std::string& url) {
  auto head_end = raw.find("\r\n\r\n");
  if (raw.compare(0, 5, "HTTP/") != 0 || head_end == std::string::npos) {
    throw NetworkError("malformed HTTP response from " + url);
  }
  IncomingResponse out;
  auto first_space = raw.find(' ');
  out.status = std::atoi(raw.c_str() + first_space + 1);
  size_t pos = raw.find("\r\n") + 2;
  while (pos < head_end) {
    size_t end = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, end - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      size_t v = line.find_first_not_of(' ', colon + 1);
      out.headers[lower(line.substr(0, colon))] = v == std::string::npos ? "" : line.substr(v);
    }
    pos = end + 2;
  }
  std::string body = raw.substr(head_end + 4);
  if (lower(out.headers["transfer-encoding"]).find("chunked") != std::string::npos) {
    std::string decoded;
    size_t p = 0;
    for (;;) {
      size_t line_end = body.find("\r\n", p);
      if (line_end == std::string::npos) throw NetworkError("truncated chunked body from " + url);
      size_t size = std::strtoul(body.substr(p, line_end - p).c_str(), nullptr, 16);
      if (size == 0) break;
      if (line_end + 2 + size > body.size()) throw NetworkError("truncated chunk from " + url);
      decoded += body.substr(line_end + 2, size);
      p = line_end + 2 + size + 2;
    }
    body = decoded;
  } else if (out.headers.count("content-length")) {
    size_t length = std::strtoul(out.headers["content-length"].c_str(), nullptr, 10);
    if (body.size() < length) throw NetworkError("truncated body from " + url);
    body.resize(length);
  }
  out.body = body;
  return out;
}

}  // namespace

IncomingResponse send(const OutgoingRequest& request) {
  auto url = logto::url::parse(request.url);
  if (!url || (url->scheme != "http" && url->scheme != "https")) {
    throw NetworkError("not an http(s) URL: " + request.url);
  }
  bool tls = url->scheme == "https";
  std::string host = url->host;
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
  std::string port = url->port.empty() ? (tls ? "443" : "80") : url->port;
  std::string target = url->path.empty() ? "/" : url->path;
  if (url->has_query) target += "?" + url->query;

  std::string wire = request.method + " " + target + " HTTP/1.1\r\nHost: " + url->host +
                     (url->port.empty() ? "" : ":" + url->port) +
                     "\r\nConnection: close\r\nUser-Agent: logto-wasm-provider\r\n";
  for (const auto& [name, value] : request.headers) wire += name + ": " + value + "\r\n";
  if (!request.body.empty() || request.method == "POST") {
    wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  wire += "\r\n" + request.body;

  Net net;
  int rc = mbedtls_net_connect(net.get(), host.c_str(), port.c_str(), MBEDTLS_NET_PROTO_TCP);
  if (rc != 0) throw NetworkError("cannot connect to " + url->origin() + ": " + mbed_error(rc));

  Ssl ssl;
  SslConfig conf;
  Certs ca;
  if (tls) {
    const char* env = std::getenv("SSL_CERT_FILE");
    std::string ca_file = env && *env ? env : "/etc/ssl/certs/ca-certificates.crt";
    if ((rc = mbedtls_x509_crt_parse_file(ca.get(), ca_file.c_str())) < 0) {
      throw NetworkError("cannot read the CA bundle " + ca_file + ": " + mbed_error(rc));
    }
    mbedtls_ssl_config_defaults(conf.get(), MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    mbedtls_ssl_conf_authmode(conf.get(), MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(conf.get(), ca.get(), nullptr);
    mbedtls_ssl_conf_rng(conf.get(), random_bytes, nullptr);
    mbedtls_ssl_conf_read_timeout(conf.get(), static_cast<uint32_t>(request.timeout_ms));
    mbedtls_ssl_conf_min_version(conf.get(), MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);  // TLS 1.2 or later
    if ((rc = mbedtls_ssl_setup(ssl.get(), conf.get())) != 0 ||
        (rc = mbedtls_ssl_set_hostname(ssl.get(), host.c_str())) != 0) {
      throw NetworkError("TLS setup failed: " + mbed_error(rc));
    }
    mbedtls_ssl_set_bio(ssl.get(), net.get(), mbedtls_net_send, nullptr, mbedtls_net_recv_timeout);
    while ((rc = mbedtls_ssl_handshake(ssl.get())) != 0) {
      if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
      uint32_t flags = mbedtls_ssl_get_verify_result(ssl.get());
      if (flags != 0 && flags != static_cast<uint32_t>(-1)) {
        char info[512];
        mbedtls_x509_crt_verify_info(info, sizeof info, "", flags);
        std::string why = info;
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw NetworkError("the certificate of " + url->origin() + " is not trusted (" + why + ")");
      }
      throw NetworkError("TLS handshake with " + url->origin() + " failed: " + mbed_error(rc));
    }
  }

  auto write_all = [&](const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      auto p = reinterpret_cast<const unsigned char*>(data.data() + done);
      int n = tls ? mbedtls_ssl_write(ssl.get(), p, data.size() - done)
                  : mbedtls_net_send(net.get(), p, data.size() - done);
      if (n == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
      if (n <= 0) throw NetworkError("sending to " + url->origin() + " failed: " + mbed_error(n));
      done += static_cast<size_t>(n);
    }
  };
  write_all(wire);

  std::string raw;
  unsigned char buf[4096];
  for (;;) {
    int n = tls ? mbedtls_ssl_read(ssl.get(), buf, sizeof buf)
                : mbedtls_net_recv_timeout(net.get(), buf, sizeof buf,
                                           static_cast<uint32_t>(request.timeout_ms));
    if (n == MBEDTLS_ERR_SSL_WANT_READ) continue;
    if (n == MBEDTLS_ERR_SSL_TIMEOUT) {
      throw NetworkError(url->origin() + " did not answer within " +
                         std::to_string(request.timeout_ms) + " ms");
    }
    if (n == 0 || n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) break;
    if (n < 0) {
      // Servers often close without close_notify; what arrived is the answer.
      if (!raw.empty() && (n == MBEDTLS_ERR_NET_CONN_RESET || n == MBEDTLS_ERR_SSL_CONN_EOF)) {
        break;
      }
      throw NetworkError("reading from " + url->origin() + " failed: " + mbed_error(n));
    }
    raw.append(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
    if (raw.size() > 1 << 20)
      throw NetworkError("the answer from " + url->origin() + " is too large");
  }
  if (tls) mbedtls_ssl_close_notify(ssl.get());
  return parse(raw, request.url);
}

}  // namespace provider::net
