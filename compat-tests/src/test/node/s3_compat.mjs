// @aws-sdk/client-s3 (AWS SDK for JavaScript v3), unchanged, against one S3 lane.
//
// Usage: node s3_compat.mjs --endpoint http://127.0.0.1:9100 --access-key AK --secret-key SK --target s3proxy
//            [--deviations trailer_checksum_not_stored,...]
//
// NodeSdkIT passes the lane's deviations from S3Target.java (lower-cased), the one declaration. Runs every check,
// prints one line per check and a final "N passed, M failed" line; exits 1 when any failed.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import {
  S3Client, CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, PutObjectCommand, GetObjectCommand,
  HeadObjectCommand, ListObjectsV2Command, CreateMultipartUploadCommand, UploadPartCommand,
  CompleteMultipartUploadCommand, CopyObjectCommand, DeleteObjectsCommand, ListMultipartUploadsCommand,
  AbortMultipartUploadCommand, paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

const { values: args } = parseArgs({
  options: {
    endpoint: { type: "string" }, "access-key": { type: "string" }, "secret-key": { type: "string" },
    target: { type: "string" }, deviations: { type: "string", default: "" },
  },
});
const deviations = new Set(args.deviations.split(",").filter(Boolean));

function client(secret) {
  return new S3Client({
    endpoint: args.endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 2,
    credentials: { accessKeyId: args["access-key"], secretAccessKey: secret },
  });
}
const s3 = client(args["secret-key"]);
const buckets = [];

async function bucket(what) {
  const name = `tgc-${args.target}-js-${what}-${randomBytes(4).toString("hex")}`;
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  buckets.push(name);
  return name;
}

function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

async function bytes(response) {
  return Buffer.from(await response.Body.transformToByteArray());
}

async function expectError(promise, status, code) {
  try {
    await promise;
  } catch (e) {
    const got = `${e.$metadata?.httpStatusCode} ${e.name}`;
    assert(got === `${status} ${code}`, `expected ${status} ${code}, got ${got}: ${e.message}`);
    return;
  }
  throw new Error(`expected ${status} ${code}, the call succeeded`);
}

const etagOf = (data) => `"${createHash("md5").update(data).digest("hex")}"`;

const checks = {
  async listBucketsAndObjects() {
    const b = await bucket("list");
    const keys = ["a/1", "a/2", "a/b/3", "c", "d/4", "e"];
    for (const k of keys) await s3.send(new PutObjectCommand({ Bucket: b, Key: k, Body: k }));
    const all = await s3.send(new ListBucketsCommand({}));
    assert(all.Buckets.some((x) => x.Name === b), "bucket listed");
    const dir = await s3.send(new ListObjectsV2Command({ Bucket: b, Prefix: "a/", Delimiter: "/" }));
    assert(JSON.stringify(dir.Contents.map((o) => o.Key)) === '["a/1","a/2"]', JSON.stringify(dir.Contents));
    assert(JSON.stringify(dir.CommonPrefixes.map((p) => p.Prefix)) === '["a/b/"]', JSON.stringify(dir));
    const paged = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: b })) {
      pages++;
      paged.push(...page.Contents.map((o) => o.Key));
    }
    assert(pages === 3 && JSON.stringify(paged) === JSON.stringify(keys), `${pages} pages: ${paged}`);
  },

  async putGetAndRange() {
    const b = await bucket("range");
    const data = randomBytes(200_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: "obj", Body: data }));
    assert(put.ETag === etagOf(data), `etag ${put.ETag}`);
    assert((await bytes(await s3.send(new GetObjectCommand({ Bucket: b, Key: "obj" })))).equals(data), "body");
    const r = await s3.send(new GetObjectCommand({ Bucket: b, Key: "obj", Range: "bytes=10-19" }));
    assert((await bytes(r)).equals(data.subarray(10, 20)), "range body");
    assert(r.ContentRange === "bytes 10-19/200000", `content-range ${r.ContentRange}`);
  },

  async streamingUploadWithDefaultChecksum() {
    // A stream of unknown length: the SDK sends it aws-chunked with its default CRC32 trailer.
    const b = await bucket("stream");
    const data = randomBytes(300_000);
    // A stream cannot be replayed, so the SDK does not retry it. On a lane that drops reused connections
    // (S3Target.Deviation.DROPS_REUSED_CONNECTIONS) it goes on a fresh client's fresh connection.
    const uploader = deviations.has("drops_reused_connections") ? client(args["secret-key"]) : s3;
    await uploader.send(new PutObjectCommand({ Bucket: b, Key: "s", Body: Readable.from([data.subarray(0, 100_000),
      data.subarray(100_000)]), ContentLength: data.length }));
    if (uploader !== s3) uploader.destroy();
    const r = await s3.send(new GetObjectCommand({ Bucket: b, Key: "s", ChecksumMode: "ENABLED" }));
    assert((await bytes(r)).equals(data), "streamed body");
    assert(r.ContentEncoding !== "aws-chunked", `content-encoding ${r.ContentEncoding}`);
    for (const alg of ["CRC32", "CRC32C", "SHA1", "SHA256"]) {
      await s3.send(new PutObjectCommand({ Bucket: b, Key: alg, Body: data, ChecksumAlgorithm: alg }));
      const g = await s3.send(new GetObjectCommand({ Bucket: b, Key: alg, ChecksumMode: "ENABLED" }));
      assert((await bytes(g)).equals(data), `${alg} body`);
      if (!deviations.has("trailer_checksum_not_stored")) assert(g[`Checksum${alg}`], `${alg} stored`);
    }
  },

  async multipartThreeParts() {
    const b = await bucket("mpu");
    const parts = [randomBytes(5 << 20), randomBytes(5 << 20), Buffer.from("tail")];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: "big" }));
    const done = [];
    for (let i = 0; i < parts.length; i++) {
      const r = await s3.send(new UploadPartCommand({ Bucket: b, Key: "big", UploadId, PartNumber: i + 1,
        Body: parts[i] }));
      done.push({ PartNumber: i + 1, ETag: r.ETag });
    }
    const c = await s3.send(new CompleteMultipartUploadCommand({ Bucket: b, Key: "big", UploadId,
      MultipartUpload: { Parts: done } }));
    assert(/^"[0-9a-f]{32}-3"$/.test(c.ETag), `etag ${c.ETag}`);
    assert((await bytes(await s3.send(new GetObjectCommand({ Bucket: b, Key: "big" })))).equals(Buffer.concat(parts)),
      "multipart body");
    const other = await s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: "gone" }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: b, Key: "gone", UploadId: other.UploadId }));
    const ups = await s3.send(new ListMultipartUploadsCommand({ Bucket: b }));
    assert(!(ups.Uploads ?? []).some((u) => u.UploadId === other.UploadId), "aborted upload gone");
  },

  async copyAndMetadata() {
    const b = await bucket("copy");
    await s3.send(new PutObjectCommand({ Bucket: b, Key: "src", Body: "copy me", Metadata: { colour: "blue" },
      ContentType: "text/x-src", CacheControl: "max-age=5", ContentDisposition: "inline" }));
    const h = await s3.send(new HeadObjectCommand({ Bucket: b, Key: "src" }));
    assert(h.Metadata.colour === "blue" && h.ContentType === "text/x-src" && h.CacheControl === "max-age=5"
      && h.ContentDisposition === "inline", JSON.stringify(h));
    await s3.send(new CopyObjectCommand({ Bucket: b, Key: "dst", CopySource: `${b}/src`,
      MetadataDirective: "REPLACE", Metadata: { colour: "red" } }));
    const d = await s3.send(new HeadObjectCommand({ Bucket: b, Key: "dst" }));
    assert(d.Metadata.colour === "red", JSON.stringify(d.Metadata));
  },

  async deleteMany() {
    const b = await bucket("del");
    for (const k of ["x1", "x2", "x3", "keep"]) await s3.send(new PutObjectCommand({ Bucket: b, Key: k, Body: "v" }));
    const r = await s3.send(new DeleteObjectsCommand({ Bucket: b,
      Delete: { Objects: [{ Key: "x1" }, { Key: "x2" }, { Key: "x3" }] } }));
    assert(r.Deleted.length === 3 && !(r.Errors ?? []).length, JSON.stringify(r));
    const left = await s3.send(new ListObjectsV2Command({ Bucket: b }));
    assert(JSON.stringify(left.Contents.map((o) => o.Key)) === '["keep"]', JSON.stringify(left.Contents));
  },

  async presignedGetAndPut() {
    const b = await bucket("presign");
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: b, Key: "p" }), { expiresIn: 600 });
    const put = await fetch(putUrl, { method: "PUT", body: new Uint8Array(Buffer.from("presigned")) });
    assert(put.status === 200, `presigned PUT ${put.status}: ${await put.text()}`);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: b, Key: "p" }), { expiresIn: 600 });
    const get = await fetch(getUrl);
    assert(get.status === 200 && (await get.text()) === "presigned", `presigned GET ${get.status}`);
    const bad = await fetch(getUrl.replace("/p?", "/q?"));
    assert(bad.status === 403 && (await bad.text()).includes("SignatureDoesNotMatch"), `tampered ${bad.status}`);
    // The presigner hoists x-amz-* headers (the metadata, and since 3.729 an empty body's CRC32) into the URL;
    // whoever holds it sends none of them, and the metadata is stored as if sent as headers.
    const metaUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: b, Key: "m", Metadata: { who: "query" } }),
      { expiresIn: 600 });
    assert(metaUrl.includes("x-amz-meta-who=query"), metaUrl);
    const metaPut = await fetch(metaUrl, { method: "PUT", body: new Uint8Array(Buffer.from("with metadata")) });
    assert(metaPut.status === 200, `presigned PUT with metadata ${metaPut.status}: ${await metaPut.text()}`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: b, Key: "m" }));
    const expected = deviations.has("presigned_query_headers_ignored") ? "{}" : '{"who":"query"}';
    assert(JSON.stringify(head.Metadata) === expected, `metadata ${JSON.stringify(head.Metadata)}`);
  },

  async errors() {
    const b = await bucket("err");
    await s3.send(new PutObjectCommand({ Bucket: b, Key: "ten", Body: "0123456789" }));
    await expectError(s3.send(new GetObjectCommand({ Bucket: b, Key: "nope" })), 404, "NoSuchKey");
    await expectError(s3.send(new GetObjectCommand({ Bucket: `${b}-missing`, Key: "k" })), 404, "NoSuchBucket");
    await expectError(s3.send(new DeleteBucketCommand({ Bucket: b })), 409, "BucketNotEmpty");
    await expectError(s3.send(new GetObjectCommand({ Bucket: b, Key: "ten", Range: "bytes=20-30" })), 416,
      "InvalidRange");
    await expectError(client(`${args["secret-key"]}x`).send(new ListBucketsCommand({})), 403,
      "SignatureDoesNotMatch");
    await expectError(s3.send(new PutObjectCommand({ Bucket: b, Key: "ten", Body: "x", IfNoneMatch: "*" })), 412,
      "PreconditionFailed");
  },
};

async function cleanup() {
  for (const b of buckets) {
    try {
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: b })) {
        const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key }));
        if (objects.length) await s3.send(new DeleteObjectsCommand({ Bucket: b, Delete: { Objects: objects } }));
      }
      await s3.send(new DeleteBucketCommand({ Bucket: b }));
    } catch (e) {
      console.log(`cleanup of ${b}: ${e.name} ${e.message}`);
    }
  }
}

let passed = 0;
let failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    passed++;
    console.log(`PASS ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n${e.stack}`);
  }
}
await cleanup();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
