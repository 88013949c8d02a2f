//! Response decoding of every operation never panics, whatever the status and body.
#![no_main]

use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use cloudspec_runtime::decode_response;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        // The first byte picks a status from the ones that matter.
        Some((s, rest)) => ([200u16, 400, 403, 404, 500, 502, 503, 204][usize::from(*s) % 8], rest),
        None => (200, data),
    };
    let _ = decode_response::<swas::CreateCustomImageRequest>(status, body);
    let _ = decode_response::<ens::CreateImageRequest>(status, body);
    let _ = decode_response::<wuying::CreateImageByInstanceRequest>(status, body);
    let _ = decode_response::<cvm::CreateImageRequest>(status, body);
});
