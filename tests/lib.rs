//! Shared helpers for the end-to-end tests and benchmarks.

pub mod requests {
    //! One valid request per seed operation, with values that exercise the wire encoding
    //! (spaces, `*`, `~`, non-ASCII, nested arrays, absent tag values). The wire end-to-end
    //! tests and the hot-path benchmarks use the same ones.

    use cloudspec_clients::alibaba::appstream_center::v2021_09_01 as wuying;
    use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
    use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
    use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;

    /// A valid request of this operation.
    pub fn swas_request() -> swas::CreateCustomImageRequest {
        swas::CreateCustomImageRequest::builder()
            .region_id("cn-hangzhou")
            .instance_id("ace0706b2ac4454d984295a94213****")
            .image_name("customImage-test")
            .description("my image *test~")
            .tag([
                swas::CreateCustomImageTag::builder()
                    .key("team")
                    .value("infra ops")
                    .build(),
                swas::CreateCustomImageTag::builder().key("env").build(),
            ])
            .build()
            .expect("valid")
    }

    /// A valid request of this operation.
    pub fn ens_request() -> ens::CreateImageRequest {
        ens::CreateImageRequest::builder()
            .image_name("web-2026")
            .instance_id("i-5rr1bnyrc4tswr8cq3w6y****")
            .delete_after_image_upload(ens::CreateImageDeleteAfterImageUpload::False)
            .with_data_disks(true)
            .build()
            .expect("valid")
    }

    /// A valid request of this operation.
    pub fn wuying_request() -> wuying::CreateImageByInstanceRequest {
        wuying::CreateImageByInstanceRequest::builder()
            .instance_id("ws-0buj1s9gm******")
            .instance_type("WuyingServer")
            .image_name("test image")
            .auto_clean_userdata(true)
            .biz_type(1)
            .disk_type("SYSTEM")
            .tag_list([wuying::CreateImageByInstanceTagList::builder()
                .key("team")
                .value("a b")
                .build()])
            .build()
            .expect("valid")
    }

    /// A valid request of this operation.
    pub fn cvm_request() -> cvm::CreateImageRequest {
        cvm::CreateImageRequest::builder()
            .image_name("myImage 镜像")
            .instance_id("ins-6pb6lrmy")
            .data_disk_ids(["disk-1"])
            .dry_run(false)
            .tag_specification([cvm::TagSpecification::builder()
                .resource_type("image")
                .tags([cvm::Tag::builder().key("team").value("infra").build()])
                .build()])
            .build()
            .expect("valid")
    }
}

/// The output of a future that completes without waiting, such as
/// `Client::build_request` with `Credentials` given in the `Config` (nothing is fetched).
///
/// # Panics
///
/// If the future would wait.
pub fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the future waits; await it in a runtime"),
    }
}
