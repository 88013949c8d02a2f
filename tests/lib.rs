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
                swas::CreateCustomImageTag {
                    key: Some("team".into()),
                    value: Some("infra ops".into()),
                },
                swas::CreateCustomImageTag {
                    key: Some("env".into()),
                    value: None,
                },
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
            .tag_list([wuying::CreateImageByInstanceTagList {
                key: Some("team".into()),
                value: Some("a b".into()),
            }])
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
            .tag_specification([cvm::TagSpecification {
                resource_type: Some("image".into()),
                tags: Some(vec![cvm::Tag {
                    key: Some("team".into()),
                    value: Some("infra".into()),
                }]),
            }])
            .build()
            .expect("valid")
    }
}
